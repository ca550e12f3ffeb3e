import { WecomStub, wecomEnv } from '../../../test/stubs/wecomStub';
import { startTestServer, type TestServer } from '../support/testServer';

export interface WecomWorld {
  stub: WecomStub;
  server: TestServer;
  robotKey: string;
  close(): Promise<void>;
}

/** The stub as 企业微信 (one app, one robot for the team 报装组) and a server configured to use it. */
export async function startWecomWorld(env: Record<string, string> = {}): Promise<WecomWorld> {
  const stub = await new WecomStub().start();
  const robotKey = stub.addRobot('报装工作群');
  const server = await startTestServer({ ...wecomEnv(stub, { 报装组: robotKey, 旧群: 'deadbeef-0000-0000-0000-000000000000' }), ...env });
  return {
    stub,
    server,
    robotKey,
    async close() {
      await server.close();
      await stub.close();
    },
  };
}

import type { ClaimCodeRequest, ClaimInput, ClaimResultView, CodeSentView } from '@wc/shared';
import { request } from '../request';

/** POST /api/claims/code — 认领报装: a code to the phone written on the application. */
export async function requestClaimCode(input: ClaimCodeRequest): Promise<CodeSentView> {
  const { data } = await request<CodeSentView>('/api/claims/code', { method: 'POST', body: input, toast: false });
  return data;
}

/** POST /api/claims — with the code, the application joins 我的报装. */
export async function claimApplication(input: ClaimInput): Promise<ClaimResultView> {
  const { data } = await request<ClaimResultView>('/api/claims', { method: 'POST', body: input, toast: false });
  return data;
}

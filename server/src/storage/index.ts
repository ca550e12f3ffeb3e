import path from 'node:path';
import type { Config } from '../config';
import { LocalStorage } from './local';
import { OssStorage } from './oss';
import type { StorageDriver } from './types';

export type { StorageDriver, StoredObject, ByteRange } from './types';

let current: StorageDriver | undefined;

/** The storage driver named by the configuration (local disk by default, or Aliyun OSS). */
export function createStorage(config: Config): StorageDriver {
  if (config.storage.driver === 'oss') {
    const oss = config.storage.oss;
    if (!oss.bucket || !oss.accessKeyId || !oss.accessKeySecret) {
      throw new Error('STORAGE_DRIVER=oss needs OSS_BUCKET, OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET');
    }
    return new OssStorage(oss);
  }
  // Keys start with `uploads/`, so files land in $DATA_DIR/uploads/<yyyy>/<mm>/.
  return new LocalStorage(config.dataDir);
}

export function setStorage(driver: StorageDriver): void {
  current = driver;
}

export function storage(): StorageDriver {
  if (!current) {
    throw new Error('storage used before the server was initialised');
  }
  return current;
}

/** Where uploads are spooled while they stream in (always local). */
export function spoolDir(config: Config): string {
  return path.join(config.dataDir, 'tmp', 'uploads');
}

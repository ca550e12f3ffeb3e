import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** An XML document whose root element is `<xml>` (optionally after a declaration), as WeChat sends. */
export const XML_ROOT = /^\s*(<\?xml[^>]*\?>\s*)?<xml>/;

/** SHA-1 of the sorted, joined parts: WeChat's `signature` and `msg_signature`. */
export function pushSignature(parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Compares a signature from the query string without leaking where it differs. */
export function signatureMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) {
    return false;
  }
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

/**
 * 消息加解密说明 (安全模式): AES-256-CBC, key = Base64(EncodingAESKey + "="), IV = the key's first 16
 * bytes, plaintext = random(16) + length(4, big-endian) + message + appid, PKCS#7 padded to 32 bytes.
 *
 * Handed to the `wechat` package as `req.cryptor` (its hook for a caller's own cryptor) because the
 * package decrypts without looking at the app id the plaintext ends with ("TODO 检查appId的正确性").
 * A plaintext for another app id, or one that is not an `<xml>` document, decrypts to '' — which
 * the package answers with 401 before parsing anything.
 */
export class PushCryptor {
  private readonly key: Buffer;

  constructor(
    private readonly token: string,
    encodingAESKey: string,
    private readonly appId: string,
  ) {
    this.key = Buffer.from(`${encodingAESKey}=`, 'base64');
    if (this.key.length !== 32) {
      throw new Error('EncodingAESKey must be 43 characters of Base64');
    }
  }

  getSignature(timestamp: string, nonce: string, encrypt: string): string {
    return pushSignature([this.token, String(timestamp), String(nonce), String(encrypt)]);
  }

  decrypt(text: string): { message: string; id: string } {
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
      decipher.setAutoPadding(false);
      const plain = Buffer.concat([decipher.update(String(text), 'base64'), decipher.final()]);
      const pad = plain[plain.length - 1] ?? 0;
      if (pad < 1 || pad > 32 || plain.length < 20 + pad) {
        return { message: '', id: '' };
      }
      const content = plain.subarray(16, plain.length - pad);
      const length = content.readUInt32BE(0);
      if (length > content.length - 4) {
        return { message: '', id: '' };
      }
      const message = content.subarray(4, 4 + length).toString('utf8');
      const id = content.subarray(4 + length).toString('utf8');
      return id === this.appId && XML_ROOT.test(message) ? { message, id } : { message: '', id };
    } catch {
      return { message: '', id: '' };
    }
  }

  encrypt(xml: string): string {
    const body = Buffer.from(xml, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length, 0);
    const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(this.appId, 'utf8')]);
    const pad = 32 - (plain.length % 32);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
  }
}

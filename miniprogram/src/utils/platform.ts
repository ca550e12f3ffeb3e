/** Which build is running: the WeChat mini program or the H5 pages (official account, browsers). */
export const isWeapp = process.env.TARO_ENV === 'weapp';
export const isH5 = process.env.TARO_ENV === 'h5';

/** The API origin: the server itself for H5, the configured HTTPS domain for the weapp. */
export const API_BASE = WC_API_BASE;

import { Spin } from 'antd';

/** Shown while a page's code or first data loads. */
export function BootLoading({ tip = '加载中…' }: { tip?: string }) {
  return (
    <div className="boot-loading" role="status" aria-live="polite">
      <Spin description={tip} />
    </div>
  );
}

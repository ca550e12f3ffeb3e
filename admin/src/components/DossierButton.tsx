import { FileZipOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useMessage } from '../feedback';
import { useErrorHandler } from '../requestErrorConfig';
import { downloadDossier } from '../services/dossier';

/**
 * 导出资料: one application's summary PDF and files as a zip. The server builds it while it sends
 * it, and hundreds of MB of drawings take a while, so the button says 正在生成 until the file is saved.
 * Shown only where the application's `permissions.export` says the viewer may export it.
 */
export function DossierButton({ app, link = false }: { app: { id: number; number: string }; link?: boolean }) {
  const [busy, setBusy] = useState(false);
  const message = useMessage();
  const handleError = useErrorHandler();
  const key = `dossier-${app.id}`;

  const download = async () => {
    setBusy(true);
    void message.open({ key, type: 'loading', content: `正在生成 ${app.number} 的报装资料，文件多时需要几分钟…`, duration: 0 });
    try {
      await downloadDossier(app.id, `${app.number}.zip`);
      void message.open({ key, type: 'success', content: `已导出 ${app.number}.zip`, duration: 3 });
    } catch (error) {
      message.destroy(key);
      handleError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      type={link ? 'link' : 'default'}
      size={link ? 'small' : 'middle'}
      icon={link ? undefined : <FileZipOutlined />}
      loading={busy}
      disabled={busy}
      onClick={() => void download()}
      data-testid="dossier-button"
    >
      {busy ? '正在生成' : '导出资料'}
    </Button>
  );
}

import { MessageOutlined } from '@ant-design/icons';
import { Button, Popconfirm } from 'antd';
import { useState } from 'react';
import type { ClaimSmsView } from '@wc/shared';
import { useMessage } from '../../../feedback';
import { request } from '../../../request';
import { useErrorHandler } from '../../../requestErrorConfig';

/** POST /api/applications/:id/claim-sms — text the customer the link to claim the application. */
function sendClaimSms(id: number) {
  return request<ClaimSmsView>(`/applications/${id}/claim-sms`, { method: 'POST', body: {} });
}

/**
 * 发送认领短信: a counter application (窗口受理) has no account behind it, so its customer hears
 * nothing online. The window clerk texts them a link that opens the claim page with the number
 * filled in; with a code sent to the same phone the application joins their 我的报装. Shown only
 * where the application's `permissions.sendClaimSms` says so.
 */
export function ClaimSmsButton({ app }: { app: { id: number; number: string; contactPhone: string } }) {
  const [busy, setBusy] = useState(false);
  const message = useMessage();
  const handleError = useErrorHandler();

  const send = async () => {
    setBusy(true);
    try {
      const { data } = await sendClaimSms(app.id);
      void message.success(`已向 ${data.sentTo} 发送认领短信，用户打开链接并验证手机号后即可在「我的报装」中查看进度`, 5);
    } catch (error) {
      handleError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popconfirm
      title="发送认领短信？"
      description={`向联系电话 ${app.contactPhone} 发送 ${app.number} 的认领链接。`}
      okText="发送"
      onConfirm={() => send()}
    >
      <Button icon={<MessageOutlined />} loading={busy} data-testid="claim-sms-button">
        发送认领短信
      </Button>
    </Popconfirm>
  );
}

import { UploadOutlined } from '@ant-design/icons';
import { Button, Image, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { UTILITY_IMAGE_LABELS, UTILITY_IMAGE_MAX_BYTES, type UtilityImage, type UtilityStaffView } from '@wc/shared';
import { useMessage } from '../../../feedback';
import { useErrorHandler } from '../../../requestErrorConfig';
import { uploadUtilityImage, useStaffImage } from './service';

const HINTS: Record<UtilityImage, string> = {
  seal: '打印在派工单、预算书的盖章处；建议透明底的 PNG，约 4 cm 见方',
  logo: '显示在报装网页（公众号）顶部；建议正方形 PNG',
};

/**
 * One image of the profile: its preview and a picker that uploads the chosen file at once. The
 * seal is fetched with the login token (staff only); the logo's URL is public.
 */
export function ImagePicker({
  image,
  profile,
  onSaved,
}: {
  image: UtilityImage;
  profile: UtilityStaffView;
  onSaved: (profile: UtilityStaffView) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const handleError = useErrorHandler();
  const message = useMessage();
  const sealSrc = useStaffImage(image === 'seal' ? profile.sealUrl : null);
  const src = image === 'seal' ? sealSrc : profile.logoUrl;
  const label = UTILITY_IMAGE_LABELS[image];

  const pick = async (file: File | undefined) => {
    if (!file) {
      return;
    }
    // The server checks the bytes; these two checks only spare a pointless upload.
    if (!['image/png', 'image/jpeg'].includes(file.type)) {
      void message.error(`${label}只能是 PNG 或 JPEG 图片`);
      return;
    }
    if (file.size > UTILITY_IMAGE_MAX_BYTES) {
      void message.error(`${label}不能超过 ${UTILITY_IMAGE_MAX_BYTES / 1024 / 1024} MB`);
      return;
    }
    setBusy(true);
    try {
      onSaved(await uploadUtilityImage(image, file));
      void message.success(`${label}已更换`);
    } catch (error) {
      handleError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="utility-image" data-testid={`utility-${image}`}>
      <div className="utility-image-preview">
        {src ? <Image src={src} alt={label} height={96} /> : <Typography.Text type="secondary">未上传</Typography.Text>}
      </div>
      <Space orientation="vertical" size={4}>
        <input
          ref={input}
          type="file"
          accept="image/png,image/jpeg"
          style={{ display: 'none' }}
          aria-label={`选择${label}`}
          onChange={(e) => {
            void pick(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()}>
          {src ? `更换${label}` : `上传${label}`}
        </Button>
        <Typography.Text type="secondary" className="utility-image-hint">
          {HINTS[image]}；PNG 或 JPEG，不超过 {UTILITY_IMAGE_MAX_BYTES / 1024 / 1024} MB
        </Typography.Text>
      </Space>
    </div>
  );
}

import { FileImageOutlined } from '@ant-design/icons';
import { Image, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { previewImage } from '../services/attachments';

/**
 * A photo attachment. With the server's signed preview link the browser loads (and caches) it
 * itself; without one, or when the link has expired, the image is fetched with the login token and
 * shown through an object URL that is released with the thumbnail.
 */
export function AuthImage({ id, src, alt, size = 96 }: { id: number; src?: string | null; alt: string; size?: number }) {
  const [url, setUrl] = useState<string | null>(src ?? null);
  const [fallback, setFallback] = useState(!src);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!fallback) {
      return undefined;
    }
    let objectUrl: string | null = null;
    let cancelled = false;
    previewImage(id)
      .then((blob) => {
        if (!cancelled) {
          objectUrl = URL.createObjectURL(blob);
          setUrl(objectUrl);
        }
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      if (objectUrl) {
        URL.revokeObjectURL(objectUrl);
      }
    };
  }, [id, fallback]);

  if (failed) {
    return (
      <div className="auth-image-failed" style={{ width: size, height: size }} title="图片无法预览">
        <FileImageOutlined />
      </div>
    );
  }
  if (!url) {
    return <Skeleton.Image active style={{ width: size, height: size }} />;
  }
  return (
    <Image
      src={url}
      alt={alt}
      width={size}
      height={size}
      style={{ objectFit: 'cover', borderRadius: 6 }}
      onError={() => {
        if (!fallback) {
          setUrl(null);
          setFallback(true);
        }
      }}
    />
  );
}

import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Typography } from 'antd';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../request';
import { errorText } from '../../requestErrorConfig';
import { startSession, takeEndReason, useSession } from '../../session';
import { login } from './service';
import './login.css';

type Field = 'username' | 'password';

/** Only paths inside the staff page are followed after login (no open redirect). */
function safeRedirect(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/worklist';
}

/**
 * 登录: staff log in with user name and password, on a PC or a phone. A plain form (no antd Form):
 * this is the first screen, and its code is kept small.
 */
export default function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { user } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(() => takeEndReason());

  if (user) {
    return <Navigate to={safeRedirect(params.get('redirect'))} replace />;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The server validates with the shared loginSchema and names bad fields; these two checks
    // only save a round trip.
    const missing: Partial<Record<Field, string>> = {};
    if (!username.trim()) {
      missing.username = '请填写用户名';
    }
    if (!password) {
      missing.password = '请填写密码';
    }
    setErrors(missing);
    if (Object.keys(missing).length > 0) {
      return;
    }
    setSubmitting(true);
    setProblem(null);
    try {
      const { data } = await login(username.trim(), password);
      startSession(data);
      void navigate(safeRedirect(params.get('redirect')), { replace: true });
    } catch (error) {
      if (isApiError(error) && error.details.length) {
        setErrors(Object.fromEntries(error.details.map((d) => [d.path, d.message])));
      }
      setProblem(errorText(error));
      setSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <main className="login-card">
        <div className="login-brand">
          <span className="login-mark">水</span>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              用户报装管理系统
            </Typography.Title>
            <Typography.Text type="secondary">自来水公司 工作人员登录</Typography.Text>
          </div>
        </div>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
        <form onSubmit={submit} noValidate>
          <label className="login-label" htmlFor="login-username">
            用户名
          </label>
          <Input
            id="login-username"
            size="large"
            prefix={<UserOutlined />}
            autoComplete="username"
            placeholder="请输入用户名"
            autoFocus
            value={username}
            status={errors.username ? 'error' : undefined}
            onChange={(e) => setUsername(e.target.value)}
          />
          <div className="login-error">{errors.username}</div>
          <label className="login-label" htmlFor="login-password">
            密码
          </label>
          <Input.Password
            id="login-password"
            size="large"
            prefix={<LockOutlined />}
            autoComplete="current-password"
            placeholder="请输入密码"
            value={password}
            status={errors.password ? 'error' : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
          <div className="login-error">{errors.password}</div>
          <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
            登录
          </Button>
        </form>
        <Typography.Paragraph type="secondary" className="login-hint">
          报装用户请通过微信公众号「综合服务 → 用户报装查询」或小程序办理。
        </Typography.Paragraph>
      </main>
    </div>
  );
}

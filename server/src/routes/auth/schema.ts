export { loginSchema, registerSchema, changePasswordSchema, setCredentialsSchema } from '@wc/shared';

export { loginSchema, registerSchema, changePasswordSchema, setCredentialsSchema } from '@wc/shared';
export { phoneCodeRequestSchema, registerWithCodeSchema, resetPasswordSchema } from '@wc/shared';

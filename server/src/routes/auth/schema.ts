export { loginSchema, registerSchema, changePasswordSchema } from '@wc/shared';

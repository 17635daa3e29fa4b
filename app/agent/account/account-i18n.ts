// Words of the password screens (forgot/reset, accept an invitation, change my password) in Portuguese
// (default) and English; the language follows the client's switch.
import { locale } from '../i18n';

const pt = {
  forgot: 'Esqueci minha senha',
  backToSignIn: 'Voltar para entrar',
  resetTitle: 'Redefinir senha',
  resetIntro: 'Informe o e-mail da sua conta. Se ele existir, enviaremos um link para criar uma nova senha.',
  sendLink: 'Enviar link',
  sending: 'Enviando…',
  linkSent:
    'Se este e-mail tiver uma conta, enviamos um link para redefinir a senha. Confira sua caixa de entrada (e o spam). O link vale por 60 minutos.',
  newPasswordTitle: 'Escolha uma nova senha',
  inviteTitle: 'Crie sua senha',
  inviteIntro: 'Você foi convidado para o Fio. Escolha uma senha para entrar.',
  newPassword: 'Nova senha',
  repeatPassword: 'Repita a nova senha',
  currentPassword: 'Senha atual',
  savePassword: 'Salvar senha',
  saving: 'Salvando…',
  passwordHint: 'Pelo menos 10 caracteres. Evite senhas comuns, seu e-mail e o nome da empresa.',
  mismatch: 'As duas senhas não são iguais.',
  passwordSet: (email: string) => `Senha salva. Entre com ${email} e a nova senha.`,
  signInNow: 'Entrar agora',
  missingToken: 'Este link está incompleto. Abra o link do e-mail novamente ou peça um novo.',
  changeTitle: 'Alterar minha senha',
  change: 'Alterar senha',
  changed: 'Senha alterada.',
  close: 'Fechar',
  cancel: 'Cancelar',
  failed: 'Não foi possível concluir. Tente novamente em instantes.',
  reasons: {
    too_short: 'A senha precisa ter pelo menos 10 caracteres.',
    common: 'Esta senha é comum demais (aparece em listas de senhas vazadas). Escolha outra.',
    personal: 'A senha não pode ser o seu e-mail nem o nome da empresa ou do Fio.',
    incorrect: 'A senha atual não confere.',
    invalid: 'Este link não é válido. Peça um novo.',
    expired: 'Este link expirou. Peça um novo.',
    used: 'Este link já foi usado. Peça um novo, se precisar.',
  } as Record<string, string>,
};

export type AccountDictionary = typeof pt;

const en: AccountDictionary = {
  forgot: 'Forgot my password',
  backToSignIn: 'Back to sign in',
  resetTitle: 'Reset password',
  resetIntro: "Enter your account's e-mail. If it exists, we will send it a link to choose a new password.",
  sendLink: 'Send link',
  sending: 'Sending…',
  linkSent:
    'If this e-mail has an account, we sent it a link to reset the password. Check your inbox (and spam). The link works for 60 minutes.',
  newPasswordTitle: 'Choose a new password',
  inviteTitle: 'Create your password',
  inviteIntro: 'You were invited to Fio. Choose a password to sign in.',
  newPassword: 'New password',
  repeatPassword: 'Repeat the new password',
  currentPassword: 'Current password',
  savePassword: 'Save password',
  saving: 'Saving…',
  passwordHint: "At least 10 characters. Avoid common passwords, your e-mail and the company's name.",
  mismatch: 'The two passwords differ.',
  passwordSet: (email: string) => `Password saved. Sign in as ${email} with the new password.`,
  signInNow: 'Sign in now',
  missingToken: 'This link is incomplete. Open the link in the e-mail again or ask for a new one.',
  changeTitle: 'Change my password',
  change: 'Change password',
  changed: 'Password changed.',
  close: 'Close',
  cancel: 'Cancel',
  failed: 'That did not work. Try again shortly.',
  reasons: {
    too_short: 'The password must have at least 10 characters.',
    common: 'This password is too common (it appears in lists of breached passwords). Choose another.',
    personal: "The password cannot be your e-mail or the company's or Fio's name.",
    incorrect: 'The current password is incorrect.',
    invalid: 'This link is not valid. Ask for a new one.',
    expired: 'This link has expired. Ask for a new one.',
    used: 'This link was already used. Ask for a new one if you need to.',
  },
};

/** The dictionary of the current locale (reactive: read it inside JSX or an effect). */
export function acct(): AccountDictionary {
  return locale() === 'en' ? en : pt;
}

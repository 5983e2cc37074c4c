import { loginRequestSchema, type LoginRequest } from '@glowdesk/contracts';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useSignIn } from '../api/sign-in.ts';
import { signInProblemMessage } from './sign-in-problem-message.ts';

type FieldErrors = Partial<Record<keyof LoginRequest, string>>;

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const [values, setValues] = useState<LoginRequest>({ email: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const signIn = useSignIn();

  function update(field: keyof LoginRequest, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setFieldErrors((current) => ({ ...current, [field]: undefined }));
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = loginRequestSchema.safeParse(values);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'email' || field === 'password') && !errors[field]) errors[field] = issue.message;
      }
      setFieldErrors(errors);
      return;
    }
    signIn.mutate(parsed.data, { onSuccess: onSignedIn });
  }

  const refusal = isApiProblem(signIn.error) ? signInProblemMessage(signIn.error) : undefined;

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      <Stack gap="md">
        {refusal && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={refusal.title} role="alert">
            {refusal.message}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          autoFocus
          required
          withAsterisk={false}
          value={values.email}
          onChange={(event) => update('email', event.currentTarget.value)}
          error={fieldErrors.email}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          withAsterisk={false}
          value={values.password}
          onChange={(event) => update('password', event.currentTarget.value)}
          error={fieldErrors.password}
        />
        <Button type="submit" fullWidth size="md" loading={signIn.isPending} mt="xs">
          Sign in
        </Button>
      </Stack>
    </form>
  );
}

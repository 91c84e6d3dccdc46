import { OtklikNetworkError, OtklikProblemError } from '@otklik/client';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { Announcer } from './announcer.tsx';
import { Button } from './button.tsx';
import { type FormOptions, useForm } from './form.ts';
import { FormAlert } from './form-alert.tsx';
import { Checkbox, TextInput } from './inputs.tsx';

beforeEach(() => setLanguage('ru'));
afterEach(cleanup);

const Organization = v.object({
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
  email: v.pipe(v.string(), v.email()),
  site: v.pipe(v.string(), v.url()),
  published: v.pipe(v.boolean(), v.value(true)),
});
type Input = v.InferInput<typeof Organization>;

function OrganizationForm(props: Omit<FormOptions<typeof Organization>, 'schema'>) {
  const form = useForm({ schema: Organization, ...props });
  return (
    <form ref={form.ref} onSubmit={form.submit} noValidate>
      <FormAlert error={form.formError} />
      <TextInput label="Название" {...form.field('name')} />
      <TextInput label="Почта" type="email" {...form.field('email')} />
      <TextInput label="Сайт" type="url" {...form.field('site')} />
      <Checkbox label="Опубликовать" {...form.field('published')} />
      <p data-testid="dirty">{String(form.dirty)}</p>
      <Button type="submit" busy={form.busy.value}>
        Сохранить
      </Button>
    </form>
  );
}

const valid: Input = {
  name: 'Гимназия № 1',
  email: 'office@school.example',
  site: 'https://school.example',
  published: true,
};
const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
const field = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;

describe('useForm', () => {
  it('shows each error beside its field, in the console’s words, and focuses the first', async () => {
    const onSubmit = vi.fn();
    render(
      <>
        <OrganizationForm
          initial={{ name: ' ', email: 'nope', site: 'https://ok.example', published: false }}
          onSubmit={onSubmit}
        />
        <Announcer />
      </>,
    );
    submit();
    await waitFor(() => expect(document.activeElement).toBe(field('Название')));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(field('Название').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Заполните это поле').closest('[id]')?.id).toBe(
      field('Название').getAttribute('aria-describedby'),
    );
    expect(field('Почта').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Введите адрес электронной почты, например name@example.ru')).toBeTruthy();
    expect(field('Сайт').hasAttribute('aria-invalid')).toBe(false);
    expect(screen.getByRole('checkbox', { name: 'Опубликовать' }).getAttribute('aria-invalid')).toBe('true');
    // Screen readers hear how many there are.
    expect(screen.getByText('В форме 3 ошибки: исправьте их и отправьте снова.')).toBeTruthy();
  });

  it('clears a field’s error as it is edited, and tracks unsaved changes', async () => {
    render(<OrganizationForm initial={{ ...valid, email: 'nope' }} onSubmit={() => {}} />);
    expect(screen.getByTestId('dirty').textContent).toBe('false');
    submit();
    await waitFor(() => expect(field('Почта').getAttribute('aria-invalid')).toBe('true'));
    fireEvent.input(field('Почта'), { target: { value: 'office@school.example' } });
    await waitFor(() => expect(field('Почта').hasAttribute('aria-invalid')).toBe(false));
    expect(screen.getByTestId('dirty').textContent).toBe('true');
  });

  it('sends the parsed values, and the form counts as saved afterwards', async () => {
    const onSubmit = vi.fn(async () => {});
    render(<OrganizationForm initial={{ ...valid, name: '  Лицей  ' }} onSubmit={onSubmit} />);
    fireEvent.input(field('Сайт'), { target: { value: 'https://lyceum.example' } });
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith({ ...valid, name: 'Лицей', site: 'https://lyceum.example' });
    await waitFor(() => expect(screen.getByTestId('dirty').textContent).toBe('false'));
  });

  it('puts the portal’s field issues (body.<field>) beside the fields and the rest in the alert, in Russian', async () => {
    const refusal = new OtklikProblemError({
      type: 'https://otklik.dev/problems/validation-failed',
      title: 'The request did not pass validation',
      status: 422,
      code: 'validation-failed',
      issues: [
        { path: 'body.site', message: 'The name x.example does not resolve', reason: 'host-not-found' },
        { path: 'body.name', message: 'Too long', kind: 'too-long', limit: 200 },
        { path: 'query.limit', message: 'Too large' },
      ],
    });
    render(<OrganizationForm initial={valid} onSubmit={() => Promise.reject(refusal)} />);
    submit();
    await waitFor(() => expect(document.activeElement).toBe(field('Название')));
    expect(field('Сайт').getAttribute('aria-invalid')).toBe('true');
    // By the issue's reason; by the kind of check; a generic sentence for the rest.
    expect(screen.getByText('Такого адреса в интернете нет. Проверьте, как он написан.')).toBeTruthy();
    expect(screen.getByText('Максимум 200 символов')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain(
      'Портал не принял данные. Проверьте заполненные поля и повторите. Портал не принял это значение. Проверьте его.',
    );
    // English only folded away for support (the problem itself has no reason the console knows).
    for (const english of document.querySelectorAll('[lang="en"]')) {
      expect(english.closest('details')?.open).toBe(false);
      english.remove();
    }
    expect(document.body.textContent).not.toMatch(/resolve|Too (long|large)/);
  });

  it('a refusal with a reason says what happened and what to do, with no English', async () => {
    setLanguage('be');
    const refusal = new OtklikProblemError({
      type: 'https://otklik.dev/problems/conflict',
      title: 'Conflict',
      status: 409,
      code: 'conflict',
      reason: 'last-administrator',
      detail: 'The organisation would be left without an administrator',
    });
    render(<OrganizationForm initial={valid} onSubmit={() => Promise.reject(refusal)} />);
    submit();
    await waitFor(() => expect(document.activeElement?.className).toBe('form-alert'));
    expect(screen.getByRole('alert').textContent).toBe(
      'У арганізацыі не застанецца адміністратара. Спачатку прызначце адміністратарам іншага супрацоўніка.',
    );
  });

  it('a refusal the console has no words for: the status’s sentence, the portal’s text folded away for support', async () => {
    const refusal = new OtklikProblemError({
      type: 'https://otklik.dev/problems/conflict',
      title: 'Conflict',
      status: 409,
      code: 'conflict',
      // A reason from a portal newer than this console.
      reason: 'something-new' as never,
      detail: 'Something new happened',
      instance: 'urn:otklik:request:abc',
    });
    render(<OrganizationForm initial={valid} onSubmit={() => Promise.reject(refusal)} />);
    submit();
    await waitFor(() => expect(document.activeElement?.className).toBe('form-alert'));
    expect(
      screen.getByText('Пока вы работали, данные изменились. Обновите страницу и повторите.'),
    ).toBeTruthy();
    const details = screen.getByText('Подробности для техподдержки').closest('details');
    expect(details?.open).toBe(false);
    const support = details?.querySelector('p');
    expect(support?.getAttribute('lang')).toBe('en');
    expect(support?.textContent).toBe('conflict · Something new happened · urn:otklik:request:abc');
  });

  it('a failure that is not about a field becomes the form’s alert, which takes the focus', async () => {
    const onSubmit = vi
      .fn()
      .mockRejectedValueOnce(new OtklikNetworkError({ cause: new TypeError('offline') }));
    render(<OrganizationForm initial={valid} onSubmit={onSubmit} />);
    submit();
    await waitFor(() => expect(document.activeElement?.className).toBe('form-alert'));
    expect(screen.getByRole('alert').textContent).toBe(
      'Нет связи с порталом. Проверьте подключение к интернету и повторите.',
    );
    // The next attempt starts clean.
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(''));
  });

  it('ignores a second submit while the first is on its way', async () => {
    let finish = () => {};
    const onSubmit = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    render(<OrganizationForm initial={valid} onSubmit={onSubmit} />);
    submit();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Сохранить' }).getAttribute('aria-busy')).toBe('true'),
    );
    submit();
    fireEvent.submit(screen.getByRole('button', { name: 'Сохранить' }).closest('form') as HTMLFormElement);
    finish();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Сохранить' }).hasAttribute('aria-busy')).toBe(false),
    );
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });
});

import type { ProviderOption } from './use-provider-choices.ts';

export interface ProviderListing {
  /** Who may be chosen (free ones, or everyone working for a double booking or a block). */
  choices: ProviderOption[];
  /** The provider already in the form (from the column clicked, or the appointment edited). */
  prefilled: ProviderOption | undefined;
  /** True when `prefilled` is among the choices, or nobody is prefilled. */
  listed: boolean;
  /**
   * True once who is free can be known: services (their length) and a time are chosen and the
   * answer has arrived. Before that, a prefilled provider is only named, never marked not free.
   */
  judged: boolean;
}

/** The Provider list's options: the choices, and a prefilled provider who is not among them kept visible. */
export function providerSelectOptions({ choices, prefilled, listed, judged }: ProviderListing): { value: string; label: string }[] {
  const options = choices.map((provider) => ({
    value: provider.id,
    label: `${provider.displayName}${provider.title ? `, ${provider.title}` : ''}`,
  }));
  if (listed || !prefilled) return options;
  return [...options, { value: prefilled.id, label: judged ? `${prefilled.displayName} (not free)` : prefilled.displayName }];
}

import { PracticeSettingSwitch, type PracticeSettingWords } from './practice-setting-switch.tsx';

const words: PracticeSettingWords = {
  title: 'Medical director co-signature',
  intro: "Medical directors are chosen under Staff. They co-sign charts in the EMR's MD Review.",
  label: 'Require a medical director’s co-signature on charts',
  description: () =>
    'On: a chart a provider signs is locked as usual and waits in MD Review until a medical director co-signs it. A medical director’s own charts need none. Charts signed before the change keep their state.',
  saved: {
    title: 'Co-signature setting saved',
    message: (on) =>
      on
        ? 'Charts providers sign from now on wait for a medical director’s co-signature.'
        : 'Charts signed from now on need no co-signature.',
  },
  notSaved: 'The co-signature setting was not saved',
};

/** Whether providers' signed charts wait for a medical director's co-signature (MD Review). */
export function MdCosignatureSettings({ canManage }: { canManage: boolean }) {
  return <PracticeSettingSwitch setting="requireMdCosignature" words={words} canManage={canManage} />;
}

export const walletQueryKeys = {
  ofPatient: (patientId: string) => ['patient', patientId, 'wallet'] as const,
  settings: ['wallet-settings'] as const,
};

export const walletQueryKeys = {
  ofPatient: (patientId: string) => ['patient', patientId, 'wallet'] as const,
};

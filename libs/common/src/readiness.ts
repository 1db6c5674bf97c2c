/**
 * Extra readiness checks contributed by infrastructure modules (e.g. Redis when jobs run on BullMQ). Each returns a
 * terminus result: `{ name: { status: 'up' | 'down', ... } }`.
 */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

export type ReadinessCheck = () => Promise<Record<string, { status: 'up' | 'down'; [k: string]: unknown }>>;

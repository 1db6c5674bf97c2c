/** The review criteria a council's resolution may apply (each decision records a verdict per criterion). */
export const CRITERIA = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** Project fields a resolution may make mandatory at submission (title and cost items always are). */
export const OPTIONAL_FIELDS = ['summary', 'description', 'justification', 'beneficiaries', 'address', 'coordinates', 'category', 'area'] as const;
export type ProjectField = (typeof OPTIONAL_FIELDS)[number];

/**
 * Everything about projects that a council's resolution decides and that changes from year to year. Limits on cost
 * are per pool (BudgetPool); phases have their own dates.
 */
export interface EditionRules {
  /** Authors per project, the main author included. */
  maxAuthors: number;
  /** Fields that must be filled in before a project can be submitted. */
  requiredFields: ProjectField[];
  /** The criteria every review records a verdict on. */
  criteria: Criterion[];
  /** Days an author has to correct a project when asked. */
  correctionDays: number;
  /** Days an author has to appeal a rejection. */
  appealDays: number;
  /** Online endorsements by signed-in residents count towards the support list. */
  onlineEndorsements: boolean;
}

export const DEFAULT_RULES: EditionRules = {
  maxAuthors: 3,
  requiredFields: ['summary', 'description', 'justification', 'area'],
  criteria: [...CRITERIA],
  correctionDays: 7,
  appealDays: 7,
  onlineEndorsements: true,
};

import { zonedDate } from '@civitas/common';

/** This year in the city's calendar: the programme year of the fixtures. */
export const YEAR = Number(zonedDate(new Date()).slice(0, 4));

export const CRITERIA = [
  { key: 'volunteer', namePl: 'Wkład pracy społecznej', nameEn: 'Volunteer work', weight: 3, maxPoints: 10, volunteerWork: true },
  { key: 'purpose', namePl: 'Celowość', nameEn: 'Purposefulness', weight: 2, maxPoints: 10, volunteerWork: false },
  { key: 'cost', namePl: 'Koszt', nameEn: 'Cost', weight: 1, maxPoints: 5, volunteerWork: false },
];

/** A complete application of a group of residents: a mural and benches by the school, with the residents' work. */
export const application = (o: Record<string, unknown> = {}) => ({
  year: YEAR,
  applicantType: 'residents',
  applicants: [
    { firstName: 'Anna', lastName: 'Nowak', address: 'ul. Klonowa 1, Gdańsk' },
    { firstName: 'Piotr', lastName: 'Wiśniewski', address: 'ul. Klonowa 3, Gdańsk' },
    { firstName: 'Ewa', lastName: 'Kamińska', address: 'ul. Klonowa 5, Gdańsk' },
  ],
  contactName: 'Anna Nowak',
  contactEmail: 'anna.nowak@example.pl',
  contactPhone: '+48 600 100 200',
  taskArea: 'community_development',
  title: 'Ławki i mural przy szkole',
  description: 'Mieszkańcy malują mural i ustawiają ławki, miasto dostarcza materiały.',
  location: 'Skwer przy SP 12, ul. Lipowa',
  landOwner: 'city',
  schedule: [{ from: `${YEAR}-06-01`, to: `${YEAR}-06-30`, activity: 'Prace przy muralu i ławkach' }],
  totalCost: 2_000_000,
  volunteerPeople: 10,
  volunteerHours: 8,
  inKind: [{ item: 'Pędzle i wałki', value: 30_000 }],
  cash: 50_000,
  cityShare: [
    { kind: 'materials', description: 'Farby elewacyjne', value: 600_000 },
    { kind: 'equipment', description: 'Ławki parkowe', value: 900_000 },
  ],
  beneficiaries: 'Uczniowie i mieszkańcy osiedla',
  beneficiariesCount: 800,
  ...o,
});

import {
  Button,
  ErrorSummary,
  Form,
  formatDateTime,
  formatNumber,
  FormErrors,
  PlacesMap,
  SummaryList,
  Tag,
  usePage,
  useT,
  type MapPoint,
  type MapTiles,
  type SummaryRow,
} from '@civitas/web';
import type { Meeting } from '../meetings.service';
import { ConsultationFrame, type ConsultationFacts } from './consultation-frame.view';
import { M } from './meetings-pages.texts';

export interface MeetingsPageData {
  facts: ConsultationFacts;
  meetings: Meeting[];
  /** The meetings the signed-in visitor is registered for. */
  mine: Set<string>;
  /** An NGO-only consultation and a signed-in account that is not an organisation's. */
  notAnOrganisation: boolean;
  now: Date;
  /** The places that have coordinates (the map beside the list); none: no map. */
  points: MapPoint[];
  tiles: MapTiles;
}

/** The map's points: the meetings with coordinates, each card linking to the meeting in the list. */
export function meetingPoints(meetings: Meeting[], locale: 'pl' | 'en'): MapPoint[] {
  return meetings.flatMap((m, i) =>
    m.latitude !== null && m.longitude !== null
      ? [
          {
            id: m.id,
            title: m.title,
            lat: m.latitude,
            lng: m.longitude,
            href: `#meeting-${i + 1}`,
            detail: `${formatDateTime(locale, m.startsAt)}${m.place ? ` · ${m.place}` : ''}`,
          },
        ]
      : [],
  );
}

/** Registration is open from the announcement until the consultation closes (as `MeetingsService.register`). */
const registering = (f: ConsultationFacts) => f.c.status === 'announced' || f.c.status === 'open';

function MeetingCard(props: { data: MeetingsPageData; m: Meeting; index: number }) {
  const t = useT();
  const ctx = usePage();
  const { data, m } = props;
  const locale = ctx.locale;
  const base = `/consultations/${data.facts.c.id}/meetings/${m.id}`;
  const mine = data.mine.has(m.id);
  const over = m.startsAt.getTime() <= data.now.getTime();
  const headingId = `meeting-${props.index + 1}`;
  const rows: SummaryRow[] = [
    {
      key: M.when,
      value: (
        <>
          <time datetime={m.startsAt.toISOString()}>{formatDateTime(locale, m.startsAt)}</time> –{' '}
          <time datetime={m.endsAt.toISOString()}>{formatDateTime(locale, m.endsAt)}</time>
        </>
      ),
    },
  ];
  if (m.place) rows.push({ key: M.place, value: <span class="govuk-!-text-break-word">{m.place}</span> });
  if (m.onlineUrl)
    rows.push({
      key: M.online,
      value: (
        <a class="govuk-link" href={m.onlineUrl} rel="noopener noreferrer external">
          {t(M.onlineLink)}
        </a>
      ),
    });
  rows.push({ key: M.capacity, value: m.capacity === null ? t(M.noLimit) : formatNumber(locale, m.capacity) });
  rows.push({ key: M.registered, value: formatNumber(locale, m.registered) });
  if (m.spotsLeft !== null) rows.push({ key: M.spotsLeft, value: m.spotsLeft > 0 ? formatNumber(locale, m.spotsLeft) : t(M.full) });
  if (mine) rows.push({ key: M.yourRegistration, value: t(M.youAreRegistered) });

  let action = null;
  if (over) action = <p class="govuk-body">{t(M.over)}</p>;
  else if (!registering(data.facts)) action = null;
  else if (!ctx.user)
    action = (
      <p class="govuk-body">
        <a class="govuk-link" href={`/sign-in?next=${encodeURIComponent(`/consultations/${data.facts.c.id}/meetings`)}`}>
          {t(M.signInToRegister)}
        </a>
      </p>
    );
  else if (mine)
    action = (
      <Form action={`${base}/withdraw`}>
        <Button variant="secondary">
          {t(M.withdraw)} <span class="govuk-visually-hidden">{t(M.withdrawFrom, { title: m.title })}</span>
        </Button>
      </Form>
    );
  else if (!data.notAnOrganisation && (m.spotsLeft === null || m.spotsLeft > 0))
    action = (
      <Form action={`${base}/register`}>
        <Button>
          {t(M.register)} <span class="govuk-visually-hidden">{t(M.registerFor, { title: m.title })}</span>
        </Button>
      </Form>
    );

  return (
    <section class="civitas-meeting" aria-labelledby={headingId}>
      <h2 class="govuk-heading-m" id={headingId}>
        {m.title}
      </h2>
      <p class="govuk-body">
        <Tag colour={m.kind === 'point' ? 'purple' : 'blue'}>{t(m.kind === 'point' ? M.kindPoint : M.kindMeeting)}</Tag>
      </p>
      <SummaryList rows={rows} />
      {action}
      <p class="govuk-body">
        <a class="govuk-link" href={`/api/v1/consultations/${data.facts.c.id}/meetings/${m.id}.ics`} download={`meeting-${m.id}.ics`}>
          {t(M.ics, { title: m.title })}
        </a>
      </p>
    </section>
  );
}

/** The meetings and consultation points: when, where, online, places; register or withdraw; the .ics file. */
export function MeetingsView(props: { data: MeetingsPageData; errors?: FormErrors }) {
  const t = useT();
  const ctx = usePage();
  const d = props.data;
  const errors = props.errors ?? FormErrors.none();
  return (
    <ConsultationFrame facts={d.facts} active="meetings" heading={t(M.heading)} errors={errors}>
      <ErrorSummary errors={errors} />
      {d.meetings.length === 0 ? (
        <p class="govuk-body">{t(M.none)}</p>
      ) : (
        <>
          <p class="govuk-body">{t(M.lead)}</p>
          {!registering(d.facts) ? <p class="govuk-body">{t(M.closedRegistration)}</p> : null}
          {d.facts.c.audience === 'ngo' && registering(d.facts) && (d.notAnOrganisation || !ctx.user) ? <p class="govuk-body">{t(M.ngoOnly)}</p> : null}
          {d.meetings.map((m, i) => (
            <MeetingCard data={d} m={m} index={i} />
          ))}
          <PlacesMap id="meetings-map" points={d.points} tiles={d.tiles} label={t(M.mapLabel)} heading={t(M.mapHeading)} lead={t(M.mapLead)} />
        </>
      )}
    </ConsultationFrame>
  );
}

import { CSS_FONT_STACKS } from '@/lib/reports/fonts';
import type { EvaluationReport, ReportSection } from '@/lib/reports/report-model';
import { UNWRITTEN } from '@/lib/reports/sections';
import styles from './report.module.css';
import type { ReactNode } from 'react';

const HEADING = { fontFamily: CSS_FONT_STACKS.heading };
const TITLE = { fontFamily: CSS_FONT_STACKS.title };

const lines = (text: string) => text.split(/\r?\n/).filter((line) => line.trim() !== '');

/** The sections of a report, as the .docx lays them out: numbered headings, indented paragraphs, the owner's text. */
export function ReportSections({ sections }: { sections: ReportSection[] }) {
  return sections.map((section) => (
    <section key={section.heading} aria-label={section.heading}>
      <h2 className={styles.heading1} style={HEADING}>
        {section.heading}
      </h2>
      {section.parts.map((part, i) => {
        const free = part.free ? lines(part.free.text) : [];
        return (
          <div key={i} data-testid={part.free ? `report-${part.free.key}` : undefined}>
            {part.heading && <h3 className={styles.heading2}>{part.heading}</h3>}
            {part.paragraphs.map((text, j) => (
              <p key={j} className={styles.paragraph}>
                {text}
              </p>
            ))}
            {free.map((text, j) => (
              <p key={`f${j}`} className={styles.paragraph}>
                {text}
              </p>
            ))}
            {part.free && free.length === 0 && part.paragraphs.length === 0 && (
              <p className={styles.unwritten}>{UNWRITTEN}</p>
            )}
          </div>
        );
      })}
    </section>
  ));
}

/** One project's report: title, sections and, given as `annex`, the 自评表. */
export function ReportDocument({ report, annex }: { report: EvaluationReport; annex?: ReactNode }) {
  return (
    <article className={styles.document} data-testid="report-document" style={{ fontFamily: CSS_FONT_STACKS.body }}>
      <h1 className={styles.title} style={TITLE}>
        {report.title}
      </h1>
      <p className={styles.subtitle}>（{report.year}年度）</p>
      <p className={styles.paragraph}>报送单位：{report.department}</p>
      <ReportSections sections={report.sections} />
      {annex && (
        <div className={styles.annex}>
          <p className={styles.annexHeading} style={HEADING}>
            附件：项目支出绩效自评表
          </p>
          {annex}
        </div>
      )}
    </article>
  );
}

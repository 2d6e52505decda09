/**
 * A published edition, frozen: `editions/<id>.json`. What the edition said
 * (each priority's rating, the assessment text shown, the evidence it cited
 * with content hashes) as of its date. Rebuilding the edition, and comparing
 * a later edition with it, read this file instead of recomputing the past
 * from today's content.
 */
import {createHash} from 'node:crypto'
import {z} from 'zod'
import {isFullDate} from './dates.js'
import {slugPattern} from './schema.js'

/** Folder of the snapshots, relative to the project root. */
export const editionsFolder = 'editions'

/**
 * Version of the snapshot format; bump on breaking changes. 2 added
 * `chapters` (the executive summary and closing chapters as the edition
 * showed them); a version-1 snapshot is reported, not guessed at.
 */
export const snapshotVersion = 2

const slug = z.string().regex(slugPattern, 'must be a lowercase slug')
const day = z.string().refine(isFullDate, 'must be a full ISO date: YYYY-MM-DD')

/** The shape of `editions/<id>.json`. */
export const snapshotSchema = z.strictObject({
  schemaVersion: z.literal(snapshotVersion),
  edition: z.strictObject({id: slug, title: z.string().min(1), asOf: day}),
  priorities: z.array(
    z.strictObject({
      id: slug,
      title: z.string(),
      dimension: slug,
      /** Null when the priority was not yet rated as of the edition. */
      status: slug.nullable(),
      /** The assessment as the edition showed it, in Markdown (empty when not yet rated). */
      assessment: z.string(),
      evidence: z.array(
        z.strictObject({
          id: slug,
          date: z.string(),
          /** SHA-256 of the excerpt's plain text (see `excerptHash`). */
          sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'),
        }),
      ),
    }),
  ),
  /** The executive summary and the closing chapters, as the edition showed them, in report order. */
  chapters: z.array(
    z.strictObject({
      /** The prose file's name without extension (report/<id>.md). */
      id: z.string().min(1),
      role: z.enum(['summary', 'closing']),
      title: z.string().min(1),
      /** The chapter's Markdown body as the edition showed it. */
      text: z.string(),
    }),
  ),
})

/** A published edition. */
export type EditionSnapshot = z.output<typeof snapshotSchema>

/** One priority as a published edition showed it. */
export type SnapshotPriority = EditionSnapshot['priorities'][number]

/** One prose chapter (executive summary or closing chapter) as a published edition showed it. */
export type SnapshotChapter = EditionSnapshot['chapters'][number]

/** SHA-256 of an excerpt's plain text: a changed quotation changes it, reformatted front matter does not. */
export function excerptHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/**
 * The snapshot as committed: keys in a fixed order, two-space indentation, a
 * final newline. The same edition always serialises to the same bytes.
 */
export function serializeSnapshot(snapshot: EditionSnapshot): string {
  const ordered = {
    schemaVersion: snapshot.schemaVersion,
    edition: {id: snapshot.edition.id, title: snapshot.edition.title, asOf: snapshot.edition.asOf},
    priorities: snapshot.priorities.map((priority) => ({
      id: priority.id,
      title: priority.title,
      dimension: priority.dimension,
      status: priority.status,
      assessment: priority.assessment,
      evidence: priority.evidence.map((item) => ({id: item.id, date: item.date, sha256: item.sha256})),
    })),
    chapters: snapshot.chapters.map((chapter) => ({id: chapter.id, role: chapter.role, title: chapter.title, text: chapter.text})),
  }
  return `${JSON.stringify(ordered, null, 2)}\n`
}

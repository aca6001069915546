// The About page: how search, trending and recommendations rank papers, in
// plain words, with the numbers taken from the code that uses them.
import { HALF_LIFE_HOURS, SOURCE_CAP, MIN_EVIDENCE, SIGNAL_WEIGHTS, WINDOW_HOURS } from '../../domain/trending.ts';
import { Layout } from './layout.tsx';
import { TRENDING_EVERY_MS } from '../../trending/trending.ts';
import { QUERY_HELP_EXAMPLES } from './query-help.tsx';
import { DIVERSE_PLACES } from '../../domain/recommend-ranking.ts';
import { MAX_LIKED } from '../../recommend/recommend.ts';
import { POOL_DAYS } from '../../recommend/candidate-spaces.ts';

const KIND_NAMES: Record<string, string> = {
  votes: 'a vote here',
  upvotes: 'a Hugging Face upvote',
  comments: 'a Hugging Face comment',
  github_stars: 'a GitHub star',
};

export function AboutPage({ statusLine, semantic }: { statusLine: string | null; semantic: boolean }) {
  return (
    <Layout title="About" description="How paperboy ranks search results and trending papers" section="about" statusLine={statusLine}>
      <h1>How paperboy ranks papers</h1>
      <p>
        paperboy is a self-hosted research-paper hub. Everything it shows comes from the papers and signals stored on this server; nothing
        is tracked.
      </p>
      <h2 id="search">Search</h2>
      <p>
        Every word of a query is looked up in titles, abstracts and author names. Papers are scored with BM25, the formula most search
        engines start from: a word counts more when it is rare across all papers and when it appears often in a paper, and less in very long
        abstracts. Words are reduced to their stem, so “models” finds “model”.
      </p>
      <p>
        {semantic
          ? 'This hub also searches by meaning: a language model turns the query and every abstract into vectors, and papers close in meaning are merged with the keyword matches by reciprocal rank fusion, so a paper ranks high when either way ranks it high.'
          : 'Search by meaning is off on this hub, so results match keywords only.'}
      </p>
      <ul>
        {QUERY_HELP_EXAMPLES.map(([example, meaning]) => (
          <li>
            <code>{example}</code>: {meaning}
          </li>
        ))}
      </ul>
      <p>
        “Similar papers” are found from the distinctive words of a paper’s title and abstract
        {semantic ? ', merged with the papers nearest in meaning' : ''}.
      </p>
      <h2 id="trending">Trending</h2>
      <p>A paper trends when people start paying attention to it. paperboy counts what each signal gained in the window:</p>
      <ul>
        {Object.entries(SIGNAL_WEIGHTS).map(([kind, weight]) => (
          <li>
            {KIND_NAMES[kind] ?? kind} is worth {weight} {weight === 1 ? 'point' : 'points'}
          </li>
        ))}
      </ul>
      <p>
        A point loses half its weight every {HALF_LIFE_HOURS.day} hours in today’s list ({WINDOW_HOURS.day} hours), every{' '}
        {HALF_LIFE_HOURS.week} hours in this week’s and every {HALF_LIFE_HOURS.month} hours in this month’s, so recent attention counts
        most. No single source (this hub's votes, Hugging Face, GitHub) can bring a paper more than {SOURCE_CAP} points, so a famous
        repository cannot push a paper up on stars alone, and a paper needs at least {MIN_EVIDENCE} points in the window to be listed at
        all. Upstream counts are running totals; only what they gained since the previous observation counts, so importing the same data
        twice changes nothing.
      </p>
      <p>
        The lists are recomputed every {TRENDING_EVERY_MS / 60_000} minutes. A vote here is a gain of one at the moment it is cast; taking
        it back removes it, so voting twice never counts twice. Each source’s window ends at its own newest data: when Hugging Face was last
        imported months ago, its part of the list is its last week of data, and a vote today moves only this hub’s window. The home page
        says how old each source’s data is.
      </p>
      <h2 id="recommendations">Recommendations (For you)</h2>
      <p>
        New papers are recommended to a signed-in reader from their own choices: the papers they saved (in any collection, or one they pick)
        and voted for, the authors and categories they follow, and the papers they marked “Not interested”. No model is trained and nothing
        leaves this hub. Each paper is compared with each of the reader’s newest {MAX_LIKED} saved and voted papers by the words and word
        pairs of their titles and abstracts, a word counting more the rarer it is among the last {POOL_DAYS} days of papers (TF-IDF, cosine
        similarity). A new paper very like one of yours outweighs one faintly like many: the likenesses are cubed, then added. That order is
        merged with a second one, by likeness to all your papers at once (what they share), as search merges its lists: by rank.{' '}
        {semantic
          ? 'On this hub a third order joins them, by meaning: how near the papers’ vectors from the language model are to those of each group of your papers (below); a paper found by meaning alone names the paper of yours nearest to it. '
          : ''}
        Authors’ names are not compared, so papers are found by topic, not by co-author.
      </p>
      <p>
        Your papers are grouped by topic, and each group has a place among the first {DIVERSE_PLACES} (up to half of them), so that two
        papers on graph networks still earn one beside thirty on speech codecs. A paper by an author you follow ranks with the best matches;
        one in a category you follow gets a small lift. A paper like one you marked “Not interested” comes lower, the more alike the lower;
        undoing the mark undoes that. Papers you have seen (voted for, saved, marked, or been sent in a digest) and hidden papers are never
        recommended. Each recommendation names why: the paper of yours it is most like, or the author or category you follow. How well this
        works, beside arxiv-sanity-lite’s method, is measured in the project’s benchmarks.
      </p>
      <h2 id="daily">Daily papers</h2>
      <p>
        The papers published on a day (or, without a date, first seen here that day), those with the most votes here first, then the most
        upvoted. arXiv announces new papers Sunday to Thursday evenings, so a Friday, a Saturday or a US holiday has none, and the page says
        so where this hub’s papers follow that calendar (sources that date papers by submission fill every day). A day after the newest
        imported one says that it is not imported yet.
      </p>
    </Layout>
  );
}

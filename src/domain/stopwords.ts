// Words too common to rank by: search leaves them out of a query unless it has
// nothing else, and similar papers and recommendations never pick them.
export const STOPWORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does for from had has have how i if in into is it its may might ' +
    'more most no not of on or our over such than that the their them then there these they this those to under up via was we ' +
    'were what when where which while who whom why will with would you your using based paper show shows study'
  ).split(' '),
);

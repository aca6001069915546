// The page a person sees when something goes wrong: what happened, what to do.
import { Layout } from './layout.tsx';

export function ErrorPage({ status, message }: { status: number; message: string }) {
  const title = status === 404 ? 'Not found' : status < 500 ? 'That did not work' : 'Something went wrong';
  return (
    <Layout title={title} section={null} statusLine={null}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Back to trending papers</a> or <a href="/search">search</a>.
      </p>
    </Layout>
  );
}

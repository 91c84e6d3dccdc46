import { render } from 'preact';

const root = document.getElementById('app') as HTMLElement;
void import('./screens/home.tsx').then(({ default: Home }) => render(<Home />, root));

import './styles/tokens.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/kit.css';
import './styles/print.css';
import { render } from 'preact';
import { App } from './app.tsx';
import { loadSession } from './session.ts';

const root = document.getElementById('app');
if (root) render(<App />, root);

// Who is signed in (a cookie the page cannot read): asked once at start.
void loadSession();

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'govuk-frontend/dist/govuk/govuk-frontend.min.css';
import './styles.css';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

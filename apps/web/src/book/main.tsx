import '@mantine/core/styles.css';
import '../shared/theme/global.css';
import './book.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BookApp } from './book-app.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('book.html is missing the #root element.');

createRoot(container).render(
  <StrictMode>
    <BookApp />
  </StrictMode>,
);

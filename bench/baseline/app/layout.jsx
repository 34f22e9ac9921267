import './globals.css';

export const metadata = { title: 'Hello world', description: 'The bench:web baseline.' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}

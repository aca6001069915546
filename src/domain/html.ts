// Escaping for HTML text and attributes: every user-controlled string passes here
// (or through JSX, which escapes the same way) before it reaches a page.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

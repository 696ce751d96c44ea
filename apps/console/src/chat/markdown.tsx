import ReactMarkdown from 'react-markdown';

/**
 * Model output as Markdown. react-markdown builds React elements from the syntax tree: raw HTML in the
 * answer is not interpreted (no rehype-raw) and unsafe link protocols are dropped by its urlTransform.
 */
export default function Markdown({ text }: { text: string }) {
  return (
    <div className="sluice-markdown">
      <ReactMarkdown skipHtml>{text}</ReactMarkdown>
    </div>
  );
}

import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import CodeMirror from '@uiw/react-codemirror';

/**
 * CodeMirror 6 for JSON (schemas, sample events) and JavaScript (transformations). Loaded lazily
 * by the pages that edit code, so the rest of the console does not download it.
 */
export default function CodeEditor(props: {
  value: string;
  onChange: (value: string) => void;
  language: 'json' | 'javascript';
  label: string;
  height?: string;
}) {
  return (
    <div className="editor" data-testid={`editor-${props.label}`}>
      <CodeMirror
        value={props.value}
        height={props.height ?? '220px'}
        extensions={[props.language === 'json' ? json() : javascript()]}
        onChange={props.onChange}
        basicSetup={{ foldGutter: false, highlightActiveLine: false }}
        aria-label={props.label}
      />
    </div>
  );
}

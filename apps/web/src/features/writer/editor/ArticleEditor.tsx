import '@mantine/tiptap/styles.css';
import { Link, RichTextEditor } from '@mantine/tiptap';
import { TableKit } from '@tiptap/extension-table';
import { useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { IconColumnInsertRight, IconRowInsertBottom, IconTable, IconTableOff } from '@tabler/icons-react';
import classes from './article.module.css';

/**
 * The article body. The editor's schema is the first sanitiser: only these nodes and marks (the
 * ones the server's allow-list keeps) survive a paste or a load, links only with safe protocols.
 * The server sanitises again on save.
 */
const extensions = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    link: false,
    underline: false,
    strike: false,
  }),
  Link.configure({ openOnClick: false, autolink: true, protocols: ['mailto'], defaultProtocol: 'https' }),
  TableKit.configure({ table: { resizable: false } }),
];

export function useArticleEditor(opts: {
  html: string;
  editable: boolean;
  onCreate: (html: string) => void;
  onChange: (html: string) => void;
}) {
  return useEditor({
    extensions,
    content: opts.html,
    editable: opts.editable,
    immediatelyRender: true,
    // The toolbar shows which marks are active at the cursor, so it re-renders on each change.
    shouldRerenderOnTransaction: true,
    onCreate: ({ editor }) => opts.onCreate(editor.getHTML()),
    onUpdate: ({ editor }) => opts.onChange(editor.getHTML()),
  });
}

function TableControls({ editor }: { editor: Editor }) {
  const inTable = editor.isActive('table');
  return (
    <RichTextEditor.ControlsGroup>
      <RichTextEditor.Control
        onClick={() => editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
        aria-label="Insert table"
        title="Insert table"
        disabled={inTable}
        data-testid="editor-insert-table"
      >
        <IconTable size={16} stroke={1.6} />
      </RichTextEditor.Control>
      {inTable ? (
        <>
          <RichTextEditor.Control
            onClick={() => editor.chain().focus().addRowAfter().run()}
            aria-label="Add row"
            title="Add row"
          >
            <IconRowInsertBottom size={16} stroke={1.6} />
          </RichTextEditor.Control>
          <RichTextEditor.Control
            onClick={() => editor.chain().focus().addColumnAfter().run()}
            aria-label="Add column"
            title="Add column"
          >
            <IconColumnInsertRight size={16} stroke={1.6} />
          </RichTextEditor.Control>
          <RichTextEditor.Control
            onClick={() => editor.chain().focus().deleteTable().run()}
            aria-label="Delete table"
            title="Delete table"
          >
            <IconTableOff size={16} stroke={1.6} />
          </RichTextEditor.Control>
        </>
      ) : null}
    </RichTextEditor.ControlsGroup>
  );
}

export function ArticleEditor({ editor, editable }: { editor: Editor; editable: boolean }) {
  return (
    <RichTextEditor editor={editor} className={classes.editor} data-testid="content-editor">
      {editable ? (
        <RichTextEditor.Toolbar sticky stickyOffset={56}>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.H2 />
            <RichTextEditor.H3 />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Bold />
            <RichTextEditor.Italic />
            <RichTextEditor.ClearFormatting />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.BulletList />
            <RichTextEditor.OrderedList />
            <RichTextEditor.Blockquote />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Link />
            <RichTextEditor.Unlink />
          </RichTextEditor.ControlsGroup>
          <TableControls editor={editor} />
          <RichTextEditor.ControlsGroup ml="auto">
            <RichTextEditor.Undo />
            <RichTextEditor.Redo />
          </RichTextEditor.ControlsGroup>
        </RichTextEditor.Toolbar>
      ) : null}
      <RichTextEditor.Content className={classes.article} />
    </RichTextEditor>
  );
}

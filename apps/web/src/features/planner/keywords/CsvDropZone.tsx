import { useRef, useState } from 'react';
import { Button, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';

/** Pick or drop one .csv file. */
export function CsvDropZone(props: {
  onFile: (file: File) => void;
  disabled?: boolean;
  /** what the file holds, in a sentence (default: keyword exports) */
  hint?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <Paper
      radius="md"
      p="xl"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file && !props.disabled) props.onFile(file);
      }}
      style={{
        border: `2px dashed var(--mantine-color-${over ? 'indigo-5' : 'gray-4'})`,
        background: over ? 'var(--mantine-color-indigo-0)' : 'var(--mantine-color-gray-0)',
      }}
      data-testid="import-dropzone"
    >
      <Stack align="center" gap="xs">
        <ThemeIcon size={44} radius="xl" variant="light">
          <IconFileSpreadsheet size={24} />
        </ThemeIcon>
        <Text fw={600}>Drop a CSV file here</Text>
        <Text size="sm" c="dimmed" ta="center" maw={420}>
          {props.hint ??
            'Exports from Semrush, Ahrefs, Google Keyword Planner and similar tools work as they are. Columns are recognised by name; comma, semicolon, tab and pipe delimiters are detected.'}
        </Text>
        <Button variant="light" mt={4} disabled={props.disabled} onClick={() => input.current?.click()}>
          Choose file
        </Button>
        <input
          ref={input}
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          hidden
          data-testid="import-file-input"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) props.onFile(file);
          }}
        />
      </Stack>
    </Paper>
  );
}

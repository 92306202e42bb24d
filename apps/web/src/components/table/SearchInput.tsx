import { useState } from 'react';
import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';

/** A search box that reports after typing pauses; follows outside changes (e.g. "Clear filters"). */
export function SearchInput(props: {
  value: string;
  onChange: (q: string) => void;
  placeholder: string;
  testId: string;
  w?: number;
}) {
  const [text, setText] = useState(props.value);
  const [last, setLast] = useState(props.value);
  const report = useDebouncedCallback((q: string) => {
    setLast(q.trim());
    props.onChange(q.trim());
  }, 300);
  if (props.value !== last) {
    // The URL changed without us (back button, clear): show what it says.
    setLast(props.value);
    setText(props.value);
  }
  return (
    <TextInput
      w={props.w ?? 260}
      placeholder={props.placeholder}
      leftSection={<IconSearch size={16} />}
      value={text}
      data-testid={props.testId}
      aria-label={props.placeholder}
      onChange={(e) => {
        setText(e.currentTarget.value);
        report(e.currentTarget.value);
      }}
      rightSection={
        text ? (
          <CloseButton
            size="sm"
            aria-label="Clear search"
            onClick={() => (setText(''), report.cancel?.(), setLast(''), props.onChange(''))}
          />
        ) : null
      }
    />
  );
}

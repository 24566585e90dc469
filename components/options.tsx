/** The <option>s of a select, one per item: its value (the item itself by default) and what it shows (the value by default). */
export function Options<T>({
  items,
  value = (item) => String(item),
  label = value,
}: {
  items: readonly T[];
  value?: (item: T) => string | number;
  label?: (item: T) => React.ReactNode;
}) {
  return items.map((item) => (
    <option key={value(item)} value={value(item)}>
      {label(item)}
    </option>
  ));
}

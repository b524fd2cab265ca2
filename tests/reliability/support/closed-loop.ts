/** C clients, each sending its next request as soon as the previous answer arrives; results in input order. */
export async function closedLoop<T>(count: number, concurrency: number, send: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < count; index = next++) results[index] = await send(index);
    }),
  );
  return results;
}

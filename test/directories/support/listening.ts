/** Whether something accepts TCP connections on 127.0.0.1:`port` (a directory server that has started). */
import { createConnection } from 'node:net';

export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

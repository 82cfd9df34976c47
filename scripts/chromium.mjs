// How every script and test here launches a browser: Debian's Chromium (or CHROMIUM_PATH), never a
// downloaded one, with everything that would reach the network or the GPU switched off.
export const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
};

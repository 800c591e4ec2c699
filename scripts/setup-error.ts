// A problem with how the build was set up (its options, folders or layouts), not with a story and not a bug: told plainly, without a stack trace.

export class SetupError extends Error {
  override name = 'SetupError'
}

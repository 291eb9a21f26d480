// Types for fxa-common-password-list (Mozilla, MPL-2.0), a CommonJS module without its own: about 50,000
// common passwords longer than 8 characters, all in lower case, from a list of 10 million leaked passwords.
declare module 'fxa-common-password-list' {
  const commonPasswords: {
    /** True when the password is exactly one on the list (the list is lower case). */
    test(password: string): boolean
  }
  export = commonPasswords
}

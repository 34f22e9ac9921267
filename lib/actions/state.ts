/**
 * The one shape an action answers with when it answers (an action that redirects answers with
 * the URL instead): `ok`, and on a refusal a `kind` the UI may branch on, the message in the
 * customer's language, and the field at fault (`field`, or `fieldErrors` for a whole form).
 * `Done` and `Refused` add what a given action's caller needs (an order id, a redirection URL).
 * The initial state of a `useActionState` form is `null`.
 */
export type FieldErrors = Record<string, string>;

export type ActionRefusal<Kind extends string = string> = {
  ok: false;
  kind: Kind;
  message?: string;
  field?: string;
  fieldErrors?: FieldErrors;
};

export type ActionState<Done extends object = object, Refused extends object = object, Kind extends string = string> =
  ({ ok: true; message?: string } & Done) | (ActionRefusal<Kind> & Refused);

/** Input the schema refused: the first message per field. */
export type ValidationFailure = ActionRefusal<'invalid'> & { fieldErrors: FieldErrors };
/** Nobody is signed in. */
export type SignedOut = ActionRefusal<'signed_out'>;

// A failed save marks fields that may be far down a long form (on a phone, off screen): bring the first into
// view and put the cursor in it. MudBlazor marks a field's input with .mud-input-error; our own messages carry data-error.
export function focusFirstError(form) {
    const marked = form?.querySelector('.mud-input-error, [data-error]');
    if (!marked) {
        return false;
    }

    const field = marked.closest('.mud-input-control') ?? marked;
    field.scrollIntoView({ block: 'center', behavior: 'smooth' });
    const target = field.querySelector('input:not([type=hidden]), textarea, button');
    target?.focus({ preventScroll: true });
    return true;
}

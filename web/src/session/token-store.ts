// The token lives for the browser tab only: closing the tab signs out.
const KEY = 'qinglian.token';

export const readToken = (): string | null => sessionStorage.getItem(KEY);
export const storeToken = (token: string) => sessionStorage.setItem(KEY, token);
export const clearToken = () => sessionStorage.removeItem(KEY);

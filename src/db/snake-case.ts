/** A camelCase name as its snake_case column or table name, as the CamelCasePlugin maps them. */
export const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

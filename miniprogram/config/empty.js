// Stands in for the modules the H5 build leaves out (see index.ts): nothing, and no default.
export default undefined;

/** Node tests run the functions with development configuration, opted into explicitly (docs/architecture.md#trust: production fails closed). */
process.env.PALM_DEV = '1';

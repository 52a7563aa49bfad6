/** Node tests run the functions with development configuration, opted into explicitly (ARCHITECTURE §3: production fails closed). */
process.env.PALM_DEV = '1';

export { embedVietnameseFont, type FontWeight } from './fonts.js';

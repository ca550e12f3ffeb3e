export { loadUtility, saveUtility, uploadUtilityImage, useStaffImage } from '../../../services/utility';
